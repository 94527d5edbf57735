#version 450 core
// Screen-space quads: the atlas holds coverage in its red channel.
in vec2 v_uv;
in vec4 v_color;

layout(binding = 0) uniform sampler2D u_atlas;

out vec4 o_color;

void main()
{
    float coverage = texture(u_atlas, v_uv).r;
    o_color = vec4(v_color.rgb, v_color.a * coverage);
}
