#version 450 core
// Shadow map pass: depth from the light's orthographic view only.
layout(location = 0) in vec3 a_position;
layout(location = 0) uniform mat4 u_light_clip_from_model;

void main()
{
    gl_Position = u_light_clip_from_model * vec4(a_position, 1.0);
}
